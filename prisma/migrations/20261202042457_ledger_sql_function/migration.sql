-- The ledger in one round trip (docs/rules/inventory.md, "The ledger in SQL"; issue 14 part 2).
--
-- bt_apply_movement_v1 does what apply-movement.ts does for the hot path (a restock-type movement that
-- creates a lot, and every deduction: use, spoil, batch, sale...) in one call: it locks the item, picks
-- the lots (FEFO for perishables, FIFO otherwise; expired lots skipped when consuming a perishable;
-- curing lots skipped when selling), updates them, writes the movement and its events and the item's
-- new totals, and recomputes the FIFO cost. So the item lock is held for this one round trip (plus the
-- COMMIT), not across five.
--
-- The TypeScript rules (src/lib/server/domain/inventory/rules.ts) stay the reference: the same
-- arithmetic, step by step, and tests/integration/ledger-sql-property.test.ts runs random sequences
-- through both and requires identical lots, events and totals. TypeScript still decides everything
-- that is not arithmetic on rows: the change type's group, the codes, unit conversion, the lot value
-- of a paid restock, and the messages.
--
-- Nothing is written unless the status is 'ok'. The other statuses ask TypeScript to act:
--   not_found, archived, insufficient (with available and the curing note's figures): refusals;
--   typescript: an infinite (untracked) item, handled by infinite.ts;
--   convert: the quantity is in another unit than the item's; converted in TypeScript, then called again.
-- Versioned by name: a change of behaviour is a new function (_v2) in a new migration.

-- unitCostOf (rules.ts): value ÷ quantity to 12 places, 0 for no quantity. The dividend is widened so the
-- quotient is computed to 30 places before it is rounded, as Decimal.js computes it to 20 digits.
CREATE OR REPLACE FUNCTION bt_unit_cost_v1(v numeric, q numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN q <= 0 THEN 0 ELSE round(v::numeric(60, 30) / q, 12) END
$$;

-- p: org, actor, now, item_id, change_type, group ('create' | 'consume' | 'dispose'), quantity (in `unit`),
-- unit (null = the item's), wait_curing (sale/reserve), valuation (null = by item type and the
-- organization's method), event_code, notes, batch_id, order_id; for 'create': lot_code, value
-- (null = the item's cost × quantity), received_at, expires_at, supplier; domain_event (name, entity_type,
-- schema_version, properties without the quantity): written with the movement, so that a manual
-- adjustment outside any transaction is this one statement.
CREATE OR REPLACE FUNCTION bt_apply_movement_v1(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_org       text := p->>'org';
  v_now       timestamp(3) := (p->>'now')::timestamp(3);
  v_qty       numeric := (p->>'quantity')::numeric;
  v_group     text := p->>'group';
  it          record;
  l           record;
  cur         refcursor;
  v_left      numeric;
  v_take      numeric;
  v_available numeric := 0;
  v_lot_ids   text[] := '{}';
  v_takes     numeric[] := '{}';
  v_values    numeric[] := '{}';
  v_costs     numeric[] := '{}';
  v_codes     text[] := '{}';
  v_valuation text;
  v_delta     numeric;
  v_cost      numeric;
  v_recompute boolean;
  v_movement  text := gen_random_uuid()::text;
  v_lot_code  text;
  v_received  timestamp(3);
  v_expires   timestamp(3);
  v_value     numeric;
  v_sum_q     numeric;
  v_sum_v     numeric;
  v_n         int;
BEGIN
  -- Look before locking: an infinite item or a quantity in another unit goes back to TypeScript
  -- without taking the lock, so a conversion's reads are not made while holding it.
  FOR pass IN 1..2 LOOP
    IF pass = 1 THEN
      SELECT i.id, i.name, i.unit, i.is_tracked, i.is_archived, i.density, c.default_density
        INTO it
        FROM inventory_items i LEFT JOIN ingredient_categories c ON c.id = i.ingredient_category_id
       WHERE i.id = p->>'item_id' AND i.organization_id = v_org;
    ELSE
      -- The lock every stock change starts with (lock-item.ts), with what the rules need.
      SELECT i.id, i.name, i.unit, i.is_tracked, i.is_archived, i.density, c.default_density, i.quantity,
             i.cost_per_unit, i.is_perishable, i.shelf_life_days, i.item_type, o.inventory_cost_method
        INTO it
        FROM inventory_items i
        JOIN organizations o ON o.id = i.organization_id
        LEFT JOIN ingredient_categories c ON c.id = i.ingredient_category_id
       WHERE i.id = p->>'item_id' AND i.organization_id = v_org
         FOR UPDATE OF i;
    END IF;
    IF NOT FOUND THEN RETURN jsonb_build_object('status', 'not_found'); END IF;
    IF it.is_archived THEN RETURN jsonb_build_object('status', 'archived', 'name', it.name); END IF;
    IF NOT it.is_tracked THEN RETURN jsonb_build_object('status', 'typescript'); END IF;
    IF p->>'unit' IS NOT NULL AND p->>'unit' <> it.unit THEN
      RETURN jsonb_build_object('status', 'convert', 'id', it.id, 'name', it.name, 'unit', it.unit,
                                'density', it.density::text, 'category_density', it.default_density::text);
    END IF;
  END LOOP;

  IF v_group = 'create' THEN
    -- A new lot (createLot/insertLot): its value is what was paid, else the item's cost × quantity.
    v_received := coalesce((p->>'received_at')::timestamp(3), v_now);
    -- lotExpiry: a custom date wins, else received + shelf life for perishables.
    v_expires := CASE
      WHEN p->>'expires_at' IS NOT NULL THEN (p->>'expires_at')::timestamp(3)
      WHEN it.is_perishable AND coalesce(it.shelf_life_days, 0) <> 0
        THEN v_received + make_interval(days => it.shelf_life_days)
    END;
    v_value := coalesce((p->>'value')::numeric, round(it.cost_per_unit * v_qty, 6));
    v_lot_code := p->>'lot_code';
    IF EXISTS (SELECT 1 FROM inventory_lots WHERE organization_id = v_org AND code = v_lot_code) THEN
      RETURN jsonb_build_object('status', 'code_taken', 'code', v_lot_code);
    END IF;
    v_lot_ids[1] := gen_random_uuid()::text;
    INSERT INTO inventory_lots (id, organization_id, item_id, code, original_quantity, remaining_quantity,
                                unit_cost, original_value, remaining_value, received_at, expires_at,
                                source_type, source_notes, supplier, batch_id)
    VALUES (v_lot_ids[1], v_org, it.id, v_lot_code, v_qty, v_qty, bt_unit_cost_v1(v_value, v_qty), v_value,
            v_value, v_received, v_expires, p->>'change_type', p->>'notes', p->>'supplier', p->>'batch_id');
    v_takes[1] := v_qty;
    v_values[1] := v_value;
    v_costs[1] := bt_unit_cost_v1(v_value, v_qty);
    v_codes[1] := v_lot_code;
    v_valuation := 'fifo';
    v_delta := v_qty;
    v_recompute := true;
  ELSE
    -- A deduction (takeFromLots): the open lots in deduction order, taken until the quantity is met.
    IF it.is_perishable THEN
      OPEN cur FOR
        SELECT id, remaining_quantity, remaining_value, unit_cost FROM inventory_lots
         WHERE item_id = it.id AND organization_id = v_org AND is_open AND remaining_quantity > 0
           AND (v_group <> 'consume' OR expires_at IS NULL OR expires_at > v_now)
           AND (NOT (p->>'wait_curing')::boolean OR ready_on IS NULL OR ready_on <= v_now)
         ORDER BY expires_at ASC NULLS LAST, received_at ASC, id COLLATE "C";
    ELSE
      OPEN cur FOR
        SELECT id, remaining_quantity, remaining_value, unit_cost FROM inventory_lots
         WHERE item_id = it.id AND organization_id = v_org AND is_open AND remaining_quantity > 0
           AND (NOT (p->>'wait_curing')::boolean OR ready_on IS NULL OR ready_on <= v_now)
         ORDER BY received_at ASC, id COLLATE "C";
    END IF;
    v_left := v_qty;
    LOOP
      FETCH cur INTO l;
      EXIT WHEN NOT FOUND;
      v_available := v_available + l.remaining_quantity;
      -- Once the quantity is met the rest is only read for the shortage's "have" figure: stop.
      EXIT WHEN v_left <= 0;
      v_take := least(l.remaining_quantity, v_left);
      v_n := cardinality(v_lot_ids) + 1;
      v_lot_ids[v_n] := l.id;
      v_takes[v_n] := v_take;
      -- takeValue: the lot's share of its remaining value; all of it when the take empties the lot.
      v_values[v_n] := CASE WHEN v_take >= l.remaining_quantity THEN l.remaining_value
        ELSE least(l.remaining_value, round(l.remaining_value * v_take::numeric(60, 30) / l.remaining_quantity, 6)) END;
      v_costs[v_n] := l.unit_cost;
      v_left := v_left - v_take;
    END LOOP;
    CLOSE cur;
    IF v_left > 0 THEN
      -- Nothing taken. With the curing lots' figures, when curing explains part of the shortage.
      SELECT sum(remaining_quantity), min(ready_on) INTO v_sum_q, v_received FROM inventory_lots
       WHERE (p->>'wait_curing')::boolean AND item_id = it.id AND organization_id = v_org AND is_open
         AND ready_on > v_now;
      RETURN jsonb_build_object('status', 'insufficient', 'name', it.name, 'unit', it.unit,
                                'available', v_available::text, 'curing', v_sum_q::text,
                                'curing_first', to_char(v_received, 'YYYY-MM-DD'));
    END IF;
    v_valuation := coalesce(p->>'valuation',
      CASE WHEN p->>'change_type' = 'sale' AND it.item_type = 'product' THEN 'average'
           WHEN it.inventory_cost_method = 'average' THEN 'average' ELSE 'fifo' END);
    FOR i IN 1..cardinality(v_lot_ids) LOOP
      v_codes[i] := p->>'event_code';
      IF v_valuation <> 'fifo' THEN v_costs[i] := it.cost_per_unit; END IF;
      v_takes[i] := -v_takes[i];
      v_values[i] := -v_values[i];
    END LOOP;
    -- moveLots: the same guards; under the item lock they cannot fail, so a failure is a bug: raise.
    UPDATE inventory_lots x
       SET remaining_quantity = x.remaining_quantity + v.d, is_open = (x.remaining_quantity + v.d) > 0,
           remaining_value = x.remaining_value + v.val
      FROM unnest(v_lot_ids, v_takes, v_values) AS v(id, d, val)
     WHERE x.id = v.id AND x.organization_id = v_org
       AND x.remaining_quantity + v.d >= 0 AND x.remaining_value + v.val >= 0
       AND (x.remaining_quantity + v.d > 0 OR x.remaining_value + v.val = 0);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    IF v_n <> cardinality(v_lot_ids) THEN
      RAISE EXCEPTION 'bt_apply_movement_v1: a lot would go below zero (item %)', it.id;
    END IF;
    v_delta := -v_qty;
    -- FIFO: the item's cost follows its remaining lots after every take (docs/rules/lot-value.md).
    v_recompute := it.inventory_cost_method = 'fifo';
  END IF;

  v_cost := it.cost_per_unit;
  IF v_recompute THEN
    SELECT sum(remaining_quantity), sum(remaining_value) INTO v_sum_q, v_sum_v FROM inventory_lots
     WHERE item_id = it.id AND organization_id = v_org AND is_open;
    -- With nothing left on hand the last cost stays, for estimates.
    IF v_sum_q > 0 THEN v_cost := bt_unit_cost_v1(v_sum_v, v_sum_q); END IF;
  END IF;

  INSERT INTO inventory_movements (id, organization_id, item_id, change_type, quantity_delta, actor_id, notes,
                                   batch_id, order_id, created_at)
  VALUES (v_movement, v_org, it.id, p->>'change_type', v_delta, p->>'actor', p->>'notes', p->>'batch_id',
          p->>'order_id', v_now);
  INSERT INTO inventory_events (id, organization_id, item_id, lot_id, movement_id, code, change_type, quantity_delta,
                                unit_cost, value, valuation_method, actor_id, notes, batch_id, created_at)
  SELECT gen_random_uuid()::text, v_org, it.id, e.lot_id, v_movement, e.code, p->>'change_type', e.d, e.cost, e.val,
         v_valuation, p->>'actor', p->>'notes', p->>'batch_id', v_now
    FROM unnest(v_lot_ids, v_codes, v_takes, v_costs, v_values) AS e(lot_id, code, d, cost, val);
  UPDATE inventory_items SET quantity = it.quantity + v_delta, cost_per_unit = v_cost, updated_at = v_now
   WHERE id = it.id AND organization_id = v_org;

  -- A manual adjustment's domain event (applyMovement, events/emit.ts), with the quantity that moved.
  IF p ? 'domain_event' THEN
    INSERT INTO domain_events (id, organization_id, event_name, occurred_at, user_id, entity_type, entity_id,
                               schema_version, properties)
    VALUES (gen_random_uuid()::text, v_org, p->'domain_event'->>'name', v_now, p->>'actor',
            p->'domain_event'->>'entity_type', it.id, (p->'domain_event'->>'schema_version')::int,
            (p->'domain_event'->'properties') || jsonb_build_object('quantity', trim_scale(v_delta)::text));
  END IF;

  RETURN jsonb_build_object(
    'status', 'ok', 'movement_id', v_movement, 'name', it.name, 'unit', it.unit, 'lot_code', v_lot_code,
    'quantity', (it.quantity + v_delta)::text, 'cost_per_unit', v_cost::text,
    'events', (SELECT jsonb_agg(jsonb_build_object('lot_id', e.lot_id, 'code', e.code, 'delta', e.d::text,
                                                   'unit_cost', e.cost::text, 'value', e.val::text) ORDER BY e.n)
                 FROM unnest(v_lot_ids, v_codes, v_takes, v_costs, v_values) WITH ORDINALITY
                      AS e(lot_id, code, d, cost, val, n)));
END
$$;

-- Several movements in one round trip, in order (a batch start deducts all its lines with one call).
-- Stops at the first refusal: the caller throws, and its transaction rolls back what came before.
CREATE OR REPLACE FUNCTION bt_apply_movements_v1(ps jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  out jsonb := '[]';
  r   jsonb;
  m   jsonb;
BEGIN
  FOR m IN SELECT value FROM jsonb_array_elements(ps) LOOP
    r := bt_apply_movement_v1(m);
    out := out || jsonb_build_array(r);
    EXIT WHEN r->>'status' NOT IN ('ok', 'typescript', 'convert');
  END LOOP;
  RETURN out;
END
$$;

-- The activity rollup (log-movement.ts) finds the movements not counted yet without scanning the ledger.
CREATE INDEX "inventory_movements_unlogged_idx" ON "inventory_movements" ("organization_id") WHERE "logged_at" IS NULL;
