-- Accounts made before e-mail verification existed have been ordering with their address: they count as verified from their creation.
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
