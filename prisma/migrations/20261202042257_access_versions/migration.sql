-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "access_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "subscription_tiers" ADD COLUMN     "access_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "access_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "access_stamps" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "access_stamps_pkey" PRIMARY KEY ("id")
);

-- Access version stamps (docs/rules/access.md). Every request reads the session together with these
-- stamps in one statement; the computed access is cached per (user, organization, stamps). Triggers bump
-- a stamp in the same transaction as every change that shapes access, so no code path can forget one and a
-- change is seen on the very next request of every web process.

INSERT INTO "access_stamps" ("id", "version") VALUES (1, 0);
ALTER TABLE "access_stamps" ADD CONSTRAINT "access_stamps_single_row" CHECK ("id" = 1);

-- The next stamp; wraps instead of overflowing (a stamp only has to differ from the one before it).
CREATE FUNCTION bt_next_access_version(v integer) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN v >= 2147483646 THEN 1 ELSE v + 1 END $$;

-- Platform-wide data (permissions, add-ons, system roles, developer roles and their permissions).
CREATE FUNCTION bt_bump_global_access() RETURNS void
  LANGUAGE sql AS $$ UPDATE access_stamps SET version = bt_next_access_version(version) WHERE id = 1 $$;

CREATE FUNCTION bt_bump_org_access(org_ids text[]) RETURNS void
  LANGUAGE sql AS $$
    UPDATE organizations SET access_version = bt_next_access_version(access_version)
     WHERE id = ANY (org_ids)
  $$;

-- Columns of a row that the access check reads: a change to any of them bumps the row's own stamp.
CREATE FUNCTION bt_organizations_access_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.is_active, NEW.billing_status, NEW.billing_provider, NEW.subscription_tier_id, NEW.name, NEW.currency)
     IS DISTINCT FROM
     (OLD.is_active, OLD.billing_status, OLD.billing_provider, OLD.subscription_tier_id, OLD.name, OLD.currency)
  THEN
    NEW.access_version := bt_next_access_version(OLD.access_version);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organizations_access_version BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION bt_organizations_access_version();

CREATE FUNCTION bt_users_access_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.user_type, NEW.organization_id, NEW.is_active, NEW.is_deleted)
     IS DISTINCT FROM (OLD.user_type, OLD.organization_id, OLD.is_active, OLD.is_deleted)
  THEN
    NEW.access_version := bt_next_access_version(OLD.access_version);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_access_version BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION bt_users_access_version();

CREATE FUNCTION bt_subscription_tiers_access_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.key, NEW.name, NEW.billing_provider) IS DISTINCT FROM (OLD.key, OLD.name, OLD.billing_provider) THEN
    NEW.access_version := bt_next_access_version(OLD.access_version);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER subscription_tiers_access_version BEFORE UPDATE ON subscription_tiers
  FOR EACH ROW EXECUTE FUNCTION bt_subscription_tiers_access_version();

-- Rows of other tables: one statement-level trigger per event (a trigger with transition tables takes one
-- event), one bump per statement and stamp, not one per row. The transition tables are always named
-- new_rows / old_rows; each function reads the ones its event has.

-- A user's role assignments: the user's stamp.
CREATE FUNCTION bt_user_role_assignments_access() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE users SET access_version = bt_next_access_version(access_version)
     WHERE id IN (SELECT user_id FROM new_rows);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE users SET access_version = bt_next_access_version(access_version)
     WHERE id IN (SELECT user_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER user_role_assignments_access_ins AFTER INSERT ON user_role_assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_user_role_assignments_access();
CREATE TRIGGER user_role_assignments_access_upd AFTER UPDATE ON user_role_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bt_user_role_assignments_access();
CREATE TRIGGER user_role_assignments_access_del AFTER DELETE ON user_role_assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_user_role_assignments_access();

-- Roles: an organization's role bumps that organization; a system role (no organization) bumps the platform.
CREATE FUNCTION bt_roles_access() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  orgs text[] := '{}';
  system_role boolean := false;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    orgs := orgs || ARRAY(SELECT DISTINCT organization_id FROM new_rows WHERE organization_id IS NOT NULL);
    system_role := system_role OR EXISTS (SELECT 1 FROM new_rows WHERE organization_id IS NULL);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    orgs := orgs || ARRAY(SELECT DISTINCT organization_id FROM old_rows WHERE organization_id IS NOT NULL);
    system_role := system_role OR EXISTS (SELECT 1 FROM old_rows WHERE organization_id IS NULL);
  END IF;
  IF cardinality(orgs) > 0 THEN PERFORM bt_bump_org_access(orgs); END IF;
  IF system_role THEN PERFORM bt_bump_global_access(); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER roles_access_ins AFTER INSERT ON roles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_roles_access();
CREATE TRIGGER roles_access_upd AFTER UPDATE ON roles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_roles_access();
CREATE TRIGGER roles_access_del AFTER DELETE ON roles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_roles_access();

-- A role's permissions: as its role. A row deleted with its role finds no role any more; the role's own
-- trigger has bumped the stamp then.
CREATE FUNCTION bt_role_permissions_access() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  role_ids text[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN role_ids := role_ids || ARRAY(SELECT role_id FROM new_rows); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN role_ids := role_ids || ARRAY(SELECT role_id FROM old_rows); END IF;
  PERFORM bt_bump_org_access(ARRAY(
    SELECT DISTINCT organization_id FROM roles WHERE id = ANY (role_ids) AND organization_id IS NOT NULL));
  IF EXISTS (SELECT 1 FROM roles WHERE id = ANY (role_ids) AND organization_id IS NULL) THEN
    PERFORM bt_bump_global_access();
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER role_permissions_access_ins AFTER INSERT ON role_permissions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_role_permissions_access();
CREATE TRIGGER role_permissions_access_upd AFTER UPDATE ON role_permissions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bt_role_permissions_access();
CREATE TRIGGER role_permissions_access_del AFTER DELETE ON role_permissions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_role_permissions_access();

-- An organization's purchased add-ons: that organization.
CREATE FUNCTION bt_organization_addons_access() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  orgs text[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN orgs := orgs || ARRAY(SELECT organization_id FROM new_rows); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN orgs := orgs || ARRAY(SELECT organization_id FROM old_rows); END IF;
  PERFORM bt_bump_org_access(orgs);
  RETURN NULL;
END $$;
CREATE TRIGGER organization_addons_access_ins AFTER INSERT ON organization_addons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_organization_addons_access();
CREATE TRIGGER organization_addons_access_upd AFTER UPDATE ON organization_addons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bt_organization_addons_access();
CREATE TRIGGER organization_addons_access_del AFTER DELETE ON organization_addons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_organization_addons_access();

-- A tier's permissions and add-on links: that tier.
CREATE FUNCTION bt_tier_links_access() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  tier_ids text[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN tier_ids := tier_ids || ARRAY(SELECT tier_id FROM new_rows); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN tier_ids := tier_ids || ARRAY(SELECT tier_id FROM old_rows); END IF;
  UPDATE subscription_tiers SET access_version = bt_next_access_version(access_version)
   WHERE id = ANY (tier_ids);
  RETURN NULL;
END $$;
CREATE TRIGGER tier_permissions_access_ins AFTER INSERT ON tier_permissions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_tier_links_access();
CREATE TRIGGER tier_permissions_access_upd AFTER UPDATE ON tier_permissions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_tier_links_access();
CREATE TRIGGER tier_permissions_access_del AFTER DELETE ON tier_permissions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_tier_links_access();
CREATE TRIGGER tier_addons_access_ins AFTER INSERT ON tier_addons
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_tier_links_access();
CREATE TRIGGER tier_addons_access_upd AFTER UPDATE ON tier_addons
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_tier_links_access();
CREATE TRIGGER tier_addons_access_del AFTER DELETE ON tier_addons
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bt_tier_links_access();

-- Platform-wide catalogue tables: the platform stamp, when a statement changed at least one row.
CREATE FUNCTION bt_catalogue_access() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  changed boolean;
BEGIN
  -- Each branch names only the transition table its event has (plpgsql plans a statement when it runs).
  IF TG_OP = 'DELETE' THEN
    changed := EXISTS (SELECT 1 FROM old_rows);
  ELSE
    changed := EXISTS (SELECT 1 FROM new_rows);
  END IF;
  IF changed THEN PERFORM bt_bump_global_access(); END IF;
  RETURN NULL;
END $$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['permissions', 'addons', 'developer_permissions', 'developer_roles',
                           'developer_role_permissions'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bt_catalogue_access()', t || '_access_ins', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bt_catalogue_access()', t || '_access_upd', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bt_catalogue_access()', t || '_access_del', t);
  END LOOP;
END $$;
