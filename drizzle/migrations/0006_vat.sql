-- VAT (shared/utils/vat.ts): prices include it; every product carries a rate (the standard
-- 20 % until an admin says otherwise), every order line its rate, net and VAT, every order
-- its net and VAT. Orders placed before this migration get theirs worked out now, by the
-- same rule (per line, net rounded half up) at their product's rate.
ALTER TABLE "products" ADD COLUMN "vat_rate_bp" integer DEFAULT 2000 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_vat_rate_known" CHECK ("products"."vat_rate_bp" in (2000, 1000, 550, 210));--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "vat_rate_bp" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "net_cents" bigint;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "vat_cents" bigint;--> statement-breakpoint
UPDATE "order_items" SET "vat_rate_bp" = "products"."vat_rate_bp",
  "net_cents" = round("order_items"."unit_price_cents"::numeric * "order_items"."quantity" * 10000 / (10000 + "products"."vat_rate_bp")),
  "vat_cents" = "order_items"."unit_price_cents"::bigint * "order_items"."quantity" - round("order_items"."unit_price_cents"::numeric * "order_items"."quantity" * 10000 / (10000 + "products"."vat_rate_bp"))
  FROM "products" WHERE "products"."id" = "order_items"."product_id";--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "vat_rate_bp" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "net_cents" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "vat_cents" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_gross_is_net_plus_vat" CHECK ("order_items"."net_cents" + "order_items"."vat_cents" = "order_items"."unit_price_cents"::bigint * "order_items"."quantity");--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "net_cents" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "vat_cents" bigint;--> statement-breakpoint
-- The VAT is the lines'; the net is what remains of the total the customer was charged.
UPDATE "orders" SET "vat_cents" = "lines"."vat", "net_cents" = "orders"."total_cents" - "lines"."vat" FROM (SELECT "order_id", sum("vat_cents") AS "vat" FROM "order_items" GROUP BY "order_id") AS "lines" WHERE "lines"."order_id" = "orders"."id";--> statement-breakpoint
-- An order without lines (none should exist) has nothing to tax.
UPDATE "orders" SET "net_cents" = "total_cents", "vat_cents" = 0 WHERE "net_cents" IS NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "net_cents" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "vat_cents" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_is_net_plus_vat" CHECK ("orders"."net_cents" + "orders"."vat_cents" = "orders"."total_cents");
