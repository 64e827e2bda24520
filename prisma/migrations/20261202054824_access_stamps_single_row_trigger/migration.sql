-- access_stamps holds one row (docs/rules/access.md). The rule moves from a CHECK constraint to a trigger:
-- the schema engine of `db:check` / `db:new` (Prisma 6's wasm build, tools/prisma-wasm) crashes
-- ("RuntimeError: unreachable") introspecting a CHECK constraint, which stopped the drift check.
ALTER TABLE "access_stamps" DROP CONSTRAINT "access_stamps_single_row";

CREATE FUNCTION bt_access_stamps_single_row() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> 1 THEN
    RAISE EXCEPTION 'access_stamps holds one row, id 1';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER access_stamps_single_row BEFORE INSERT OR UPDATE OF id ON "access_stamps"
  FOR EACH ROW EXECUTE FUNCTION bt_access_stamps_single_row();
