-- Seconds until `buyer` may place another order: 0 while they placed fewer than `per_minute` in the
-- last minute. `placeOrder` calls it before it touches any stock. It takes a lock on the buyer that
-- lasts until the calling statement commits, and, being VOLATILE plpgsql, counts with a fresh
-- snapshot taken after the lock: a racing order of the same buyer, on any replica, is counted once
-- it commits, so racing orders never pass the limit. (A plain subquery would count with the
-- statement's snapshot, taken before the wait, and miss it.)
CREATE FUNCTION "tickets"."wait_to_order"(buyer uuid, per_minute integer) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  frees_at timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('tickets.orders.per_minute:' || buyer::text));
  -- The per_minute-th newest order of the last minute: while it is in the window, the buyer is at the limit.
  SELECT o."created_at" + interval '1 minute' INTO frees_at FROM "tickets"."orders" o
    WHERE o."buyer_id" = buyer AND o."created_at" > now() - interval '1 minute'
    ORDER BY o."created_at" DESC OFFSET per_minute - 1 LIMIT 1;
  IF frees_at IS NULL THEN
    RETURN 0;
  END IF;
  RETURN greatest(1, ceil(extract(epoch FROM frees_at - clock_timestamp())))::integer;
END
$$;
