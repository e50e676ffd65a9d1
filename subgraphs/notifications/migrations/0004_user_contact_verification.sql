-- Email goes only to verified addresses (issue 16): user.email_verified sets verified_at, and may come before the address.
ALTER TABLE "notifications"."user_contacts" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications"."user_contacts" ADD COLUMN "email_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications"."user_contacts" ADD COLUMN "verified_at" timestamp with time zone;