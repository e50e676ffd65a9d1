CREATE TYPE "tickets"."voucher_kind" AS ENUM('PERCENT', 'AMOUNT', 'FREE');--> statement-breakpoint
CREATE TYPE "tickets"."question_kind" AS ENUM('TEXT', 'CHOICE', 'CHECKBOX');--> statement-breakpoint
CREATE TYPE "tickets"."waiting_status" AS ENUM('WAITING', 'OFFERED', 'ACCEPTED', 'EXPIRED', 'LEFT');--> statement-breakpoint
CREATE TABLE "tickets"."vouchers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" "tickets"."voucher_kind" NOT NULL,
	"value" integer NOT NULL,
	"ticket_type_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"max_uses" integer,
	"used" integer DEFAULT 0 NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_used_within_max" CHECK ("tickets"."vouchers"."used" >= 0 and ("tickets"."vouchers"."max_uses" is null or "tickets"."vouchers"."used" <= "tickets"."vouchers"."max_uses")),
	CONSTRAINT "vouchers_max_uses_positive" CHECK ("tickets"."vouchers"."max_uses" is null or "tickets"."vouchers"."max_uses" >= 1),
	CONSTRAINT "vouchers_value_not_negative" CHECK ("tickets"."vouchers"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tickets"."questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"kind" "tickets"."question_kind" NOT NULL,
	"required" boolean NOT NULL,
	"options" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets"."waiting_list_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tickets"."waiting_list_entries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_type_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"status" "tickets"."waiting_status" DEFAULT 'WAITING' NOT NULL,
	"order_id" uuid,
	"offer_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waiting_list_quantity_positive" CHECK ("tickets"."waiting_list_entries"."quantity" >= 1)
);
--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD COLUMN "attendee_name" text;--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD COLUMN "attendee_email" text;--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD COLUMN "answers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets"."orders" ADD COLUMN "voucher_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets"."orders" ADD COLUMN "voucher_uses" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets"."orders" ADD COLUMN "attendees" jsonb;--> statement-breakpoint
ALTER TABLE "tickets"."waiting_list_entries" ADD CONSTRAINT "waiting_list_entries_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "tickets"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."waiting_list_entries" ADD CONSTRAINT "waiting_list_entries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tickets"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_event_code_unique" ON "tickets"."vouchers" USING btree ("event_id",lower("code"));--> statement-breakpoint
CREATE INDEX "questions_event_idx" ON "tickets"."questions" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "waiting_list_one_live_entry" ON "tickets"."waiting_list_entries" USING btree ("user_id","ticket_type_id") WHERE "tickets"."waiting_list_entries"."status" in ('WAITING', 'OFFERED');--> statement-breakpoint
CREATE INDEX "waiting_list_queue_idx" ON "tickets"."waiting_list_entries" USING btree ("ticket_type_id","seq") WHERE "tickets"."waiting_list_entries"."status" = 'WAITING';--> statement-breakpoint
CREATE INDEX "waiting_list_user_idx" ON "tickets"."waiting_list_entries" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "waiting_list_event_idx" ON "tickets"."waiting_list_entries" USING btree ("event_id","seq");--> statement-breakpoint
CREATE INDEX "waiting_list_order_idx" ON "tickets"."waiting_list_entries" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "tickets"."orders" ADD CONSTRAINT "orders_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "tickets"."vouchers"("id") ON DELETE no action ON UPDATE no action;