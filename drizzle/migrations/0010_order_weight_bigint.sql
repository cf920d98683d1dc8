-- An order's parcel weight in bigint: 50 lines of 1,000 units at 100 kg pass 2^31 grams.
ALTER TABLE "orders" ALTER COLUMN "weight_grams" SET DATA TYPE bigint;