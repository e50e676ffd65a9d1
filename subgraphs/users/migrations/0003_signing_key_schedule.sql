ALTER TABLE "users"."signing_keys" ADD COLUMN "activates_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users"."signing_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "users"."signing_keys" SET "activates_at" = "created_at", "expires_at" = "retired_at" + interval '1 day' WHERE "retired_at" IS NOT NULL;--> statement-breakpoint
UPDATE "users"."signing_keys" SET "activates_at" = "created_at" WHERE "retired_at" IS NULL;
