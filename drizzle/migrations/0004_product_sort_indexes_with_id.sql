DROP INDEX "products_active_created_at_idx";--> statement-breakpoint
DROP INDEX "products_active_name_idx";--> statement-breakpoint
DROP INDEX "products_active_price_idx";--> statement-breakpoint
DROP INDEX "products_active_stock_idx";--> statement-breakpoint
CREATE INDEX "products_active_created_at_idx" ON "products" USING btree ("is_active","created_at","id");--> statement-breakpoint
CREATE INDEX "products_active_name_idx" ON "products" USING btree ("is_active","name","id");--> statement-breakpoint
CREATE INDEX "products_active_price_idx" ON "products" USING btree ("is_active","price_cents","id");--> statement-breakpoint
CREATE INDEX "products_active_stock_idx" ON "products" USING btree ("is_active","stock","id");