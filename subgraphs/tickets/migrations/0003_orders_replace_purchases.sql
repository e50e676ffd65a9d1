ALTER TABLE "tickets"."tickets" DROP CONSTRAINT "tickets_purchase_id_purchases_id_fk";--> statement-breakpoint
DROP INDEX "tickets"."tickets_purchase_idx";--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ALTER COLUMN "order_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets"."tickets" DROP COLUMN "purchase_id";--> statement-breakpoint
DROP TABLE "tickets"."purchases";
