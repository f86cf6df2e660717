DROP VIEW "big_order_ids";

DROP VIEW "big_orders";

ALTER TABLE "orders" ALTER COLUMN "amount" TYPE bigint USING "amount"::bigint;

ALTER TABLE "orders" DROP COLUMN "note";

CREATE VIEW "big_orders" AS select id, amount from orders where amount > 100;

CREATE VIEW "big_order_ids" AS select id from big_orders;
