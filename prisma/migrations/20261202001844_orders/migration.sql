-- AlterTable
ALTER TABLE "organization_addons" ADD COLUMN     "stripe_state_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "billing_state_at" TIMESTAMP(3),
ADD COLUMN     "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "next_billing_date" TIMESTAMP(3),
ADD COLUMN     "stripe_subscription_id" TEXT;

-- AlterTable
ALTER TABLE "subscription_tiers" ADD COLUMN     "price_cents" INTEGER,
ADD COLUMN     "price_currency" TEXT,
ADD COLUMN     "price_interval" TEXT,
ADD COLUMN     "prices_synced_at" TIMESTAMP(3),
ADD COLUMN     "stripe_price_id" TEXT;

-- CreateTable
CREATE TABLE "pending_signups" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tier_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "organization_name" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "username" TEXT,
    "password_hash" TEXT NOT NULL,
    "checkout_session_id" TEXT,
    "organization_id" TEXT,
    "user_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "pending_signups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "organization_id" TEXT,
    "event_created_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "notes" TEXT,
    "external_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales_orders" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'manual',
    "external_id" TEXT,
    "customer_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "attention_reason" TEXT,
    "notes" TEXT,
    "reserve_hours" INTEGER,
    "revenue" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "cost_of_goods" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "returned_revenue" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "returned_cost" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "created_by_id" TEXT,
    "reserved_at" TIMESTAMP(3),
    "fulfilled_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sales_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales_order_lines" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "sku_code" TEXT NOT NULL,
    "sku_id" TEXT,
    "quantity" DECIMAL(20,6) NOT NULL,
    "unit_price" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "discount" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "external_line_id" TEXT,
    "revenue" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "cost_of_goods" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "returned_quantity" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "returned_revenue" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "returned_cost" DECIMAL(24,6) NOT NULL DEFAULT 0,

    CONSTRAINT "sales_order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reservations" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "lot_id" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "value" DECIMAL(24,6) NOT NULL,
    "unit_cost" DECIMAL(28,12) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "returned_quantity" DECIMAL(20,6) NOT NULL DEFAULT 0,
    "returned_value" DECIMAL(24,6) NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_at" TIMESTAMP(3),
    "fulfilled_at" TIMESTAMP(3),

    CONSTRAINT "reservations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_returns" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "quantity" DECIMAL(20,6) NOT NULL,
    "disposition" TEXT NOT NULL DEFAULT 'restock',
    "revenue" DECIMAL(20,6) NOT NULL,
    "cost_of_goods" DECIMAL(24,6) NOT NULL,
    "reason" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_returns_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pending_signups_checkout_session_id_key" ON "pending_signups"("checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "pending_signups_organization_id_key" ON "pending_signups"("organization_id");

-- CreateIndex
CREATE INDEX "pending_signups_email_idx" ON "pending_signups"("email");

-- CreateIndex
CREATE UNIQUE INDEX "stripe_events_event_id_key" ON "stripe_events"("event_id");

-- CreateIndex
CREATE INDEX "stripe_events_status_received_at_idx" ON "stripe_events"("status", "received_at");

-- CreateIndex
CREATE INDEX "stripe_events_organization_id_received_at_idx" ON "stripe_events"("organization_id", "received_at");

-- CreateIndex
CREATE INDEX "customers_organization_id_name_idx" ON "customers"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "customers_organization_id_external_id_key" ON "customers"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "sales_orders_organization_id_status_created_at_idx" ON "sales_orders"("organization_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "sales_orders_customer_id_idx" ON "sales_orders"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "sales_orders_organization_id_number_key" ON "sales_orders"("organization_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "sales_orders_organization_id_channel_external_id_key" ON "sales_orders"("organization_id", "channel", "external_id");

-- CreateIndex
CREATE INDEX "sales_order_lines_order_id_idx" ON "sales_order_lines"("order_id");

-- CreateIndex
CREATE INDEX "sales_order_lines_organization_id_sku_id_idx" ON "sales_order_lines"("organization_id", "sku_id");

-- CreateIndex
CREATE INDEX "reservations_organization_id_status_expires_at_idx" ON "reservations"("organization_id", "status", "expires_at");

-- CreateIndex
CREATE INDEX "reservations_item_id_status_idx" ON "reservations"("item_id", "status");

-- CreateIndex
CREATE INDEX "reservations_lot_id_idx" ON "reservations"("lot_id");

-- CreateIndex
CREATE INDEX "reservations_order_id_idx" ON "reservations"("order_id");

-- CreateIndex
CREATE INDEX "order_returns_order_id_idx" ON "order_returns"("order_id");

-- CreateIndex
CREATE INDEX "order_returns_organization_id_created_at_idx" ON "order_returns"("organization_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "organizations_stripe_subscription_id_key" ON "organizations"("stripe_subscription_id");

-- AddForeignKey
ALTER TABLE "pending_signups" ADD CONSTRAINT "pending_signups_tier_id_fkey" FOREIGN KEY ("tier_id") REFERENCES "subscription_tiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_orders" ADD CONSTRAINT "sales_orders_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_orders" ADD CONSTRAINT "sales_orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_sku_id_fkey" FOREIGN KEY ("sku_id") REFERENCES "product_skus"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "sales_order_lines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_lot_id_fkey" FOREIGN KEY ("lot_id") REFERENCES "inventory_lots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "sales_order_lines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

