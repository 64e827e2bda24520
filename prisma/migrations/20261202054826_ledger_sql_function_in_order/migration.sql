-- bt_apply_movements_v2: as v1, but stops at the first movement that is not applied (a refusal, another
-- unit to convert, an infinite item), so TypeScript settles that one before any later movement of the same
-- item runs, and sends the rest again: the movements are applied in exactly their order
-- (docs/rules/inventory.md, The ledger in SQL).
CREATE OR REPLACE FUNCTION bt_apply_movements_v2(ps jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  out jsonb := '[]';
  r   jsonb;
  m   jsonb;
BEGIN
  FOR m IN SELECT value FROM jsonb_array_elements(ps) LOOP
    r := bt_apply_movement_v1(m);
    out := out || jsonb_build_array(r);
    EXIT WHEN r->>'status' <> 'ok';
  END LOOP;
  RETURN out;
END
$$;
