ALTER TABLE "tickets"."qr_signing_keys" ADD COLUMN "activates_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets"."qr_signing_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "tickets"."qr_signing_keys" SET "activates_at" = "created_at";
