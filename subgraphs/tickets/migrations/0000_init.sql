CREATE SCHEMA "tickets";
--> statement-breakpoint
CREATE TYPE "tickets"."ticket_status" AS ENUM('ACTIVE', 'USED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "tickets"."ticket_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"quantity" integer NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"sales_start" timestamp with time zone NOT NULL,
	"sales_end" timestamp with time zone NOT NULL,
	"event_ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_types_sold_within_quantity" CHECK ("tickets"."ticket_types"."sold" >= 0 and "tickets"."ticket_types"."sold" <= "tickets"."ticket_types"."quantity"),
	CONSTRAINT "ticket_types_quantity_positive" CHECK ("tickets"."ticket_types"."quantity" >= 1),
	CONSTRAINT "ticket_types_price_not_negative" CHECK ("tickets"."ticket_types"."price_cents" >= 0),
	CONSTRAINT "ticket_types_sales_window" CHECK ("tickets"."ticket_types"."sales_start" < "tickets"."ticket_types"."sales_end")
);
--> statement-breakpoint
CREATE TABLE "tickets"."purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets"."tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"status" "tickets"."ticket_status" DEFAULT 'ACTIVE' NOT NULL,
	"event_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"purchase_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"qr_payload" text NOT NULL,
	"purchased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "tickets_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "tickets"."cancelled_events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"cancelled_at" timestamp with time zone NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "tickets"."qr_signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"private_jwk" jsonb NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tickets"."inbox" (
	"consumer_group" text NOT NULL,
	"message_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_message_id_pk" PRIMARY KEY("consumer_group","message_id")
);
--> statement-breakpoint
CREATE TABLE "tickets"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tickets"."outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"payload" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD CONSTRAINT "tickets_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "tickets"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD CONSTRAINT "tickets_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "tickets"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_types_event_idx" ON "tickets"."ticket_types" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_user_key_unique" ON "tickets"."purchases" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "tickets_owner_idx" ON "tickets"."tickets" USING btree ("owner_id","purchased_at");--> statement-breakpoint
CREATE INDEX "tickets_event_idx" ON "tickets"."tickets" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "tickets_type_idx" ON "tickets"."tickets" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "tickets_purchase_idx" ON "tickets"."tickets" USING btree ("purchase_id");--> statement-breakpoint
CREATE INDEX "tickets_cancelled_idx" ON "tickets"."tickets" USING btree ("cancelled_at");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "tickets"."outbox" USING btree ("seq") WHERE "tickets"."outbox"."sent_at" is null;