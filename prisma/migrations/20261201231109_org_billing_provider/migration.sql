-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "billing_provider" TEXT NOT NULL DEFAULT 'none';

-- Existing organizations: an exempt tier is billed by nobody ("exempt"); the others never had a Stripe
-- subscription (billing was off), so they are "none" and lose the "active" subscription status they were given.
UPDATE "organizations" o SET "billing_provider" = 'exempt'
  FROM "subscription_tiers" t WHERE t."id" = o."subscription_tier_id" AND t."billing_provider" = 'exempt';
UPDATE "organizations" SET "subscription_status" = NULL
 WHERE "billing_provider" = 'none' AND "stripe_customer_id" IS NULL;
