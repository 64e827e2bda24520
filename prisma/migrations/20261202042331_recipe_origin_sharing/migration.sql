-- AlterTable
ALTER TABLE "recipes" ADD COLUMN     "is_public" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_shareable" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "origin_organization_id" TEXT,
ADD COLUMN     "origin_recipe_id" TEXT,
ADD COLUMN     "origin_type" TEXT NOT NULL DEFAULT 'authored',
ADD COLUMN     "root_recipe_id" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "recipes_is_public_status_idx" ON "recipes"("is_public", "status");

-- CreateIndex
CREATE INDEX "recipes_root_recipe_id_idx" ON "recipes"("root_recipe_id");

-- CreateIndex
CREATE INDEX "recipes_origin_organization_id_idx" ON "recipes"("origin_organization_id");


-- Every recipe records the root of its lineage (docs/rules/recipe-sharing.md): existing rows walk their
-- parent (a version, test or variation) or copy source up to the first recipe, which is its own root.
WITH RECURSIVE walk(id, root) AS (
  SELECT r.id, r.id FROM "recipes" r
   WHERE NOT EXISTS (SELECT 1 FROM "recipes" p WHERE p.id = COALESCE(r.parent_recipe_id, r.cloned_from_id))
  UNION ALL
  SELECT c.id, w.root FROM "recipes" c JOIN walk w ON COALESCE(c.parent_recipe_id, c.cloned_from_id) = w.id
)
UPDATE "recipes" r SET root_recipe_id = w.root FROM walk w WHERE w.id = r.id;
UPDATE "recipes" SET root_recipe_id = id WHERE root_recipe_id = '';

-- A row written without a root is its own root, whoever writes it.
CREATE FUNCTION recipes_root_default() RETURNS trigger AS $$
BEGIN
  IF NEW.root_recipe_id IS NULL OR NEW.root_recipe_id = '' THEN
    NEW.root_recipe_id := NEW.id;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER recipes_root_default BEFORE INSERT OR UPDATE OF root_recipe_id ON "recipes"
  FOR EACH ROW EXECUTE FUNCTION recipes_root_default();
