-- Reporting units added where missing, in the order given.
-- params: names VARCHAR[], sort_orders INTEGER[]
INSERT INTO districts (name, sort_order)
SELECT unnest($names), unnest($sort_orders)
ON CONFLICT DO NOTHING;
