-- Lists sort names case-insensitively (issue 8; docs/rules/web.md, Lists): "apple", "Banana", "cherry",
-- not "Banana", "apple", "cherry" as the C collation does. ICU's root collation compares letters first and
-- case only on ties; it is deterministic, so equality and unique indexes are unchanged. A server built
-- without ICU keeps its default collation.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    ALTER TABLE "inventory_items" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "recipes" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "recipe_groups" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "products" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "customers" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "organizations" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "users" ALTER COLUMN "first_name" TYPE TEXT COLLATE "und-x-icu";
    ALTER TABLE "users" ALTER COLUMN "last_name" TYPE TEXT COLLATE "und-x-icu";
  END IF;
END $$;
