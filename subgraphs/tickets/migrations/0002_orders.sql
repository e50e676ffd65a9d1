CREATE TYPE "tickets"."order_status" AS ENUM('RESERVED', 'PAID', 'EXPIRED', 'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED');--> statement-breakpoint
CREATE TYPE "tickets"."payment_provider" AS ENUM('FREE', 'OFFLINE', 'SANDBOX', 'STRIPE');--> statement-breakpoint
CREATE TYPE "tickets"."payment_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "tickets"."buyer_holdings" (
	"buyer_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "buyer_holdings_buyer_id_ticket_type_id_pk" PRIMARY KEY("buyer_id","ticket_type_id"),
	CONSTRAINT "buyer_holdings_not_negative" CHECK ("tickets"."buyer_holdings"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tickets"."order_lines" (
	"order_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"discount_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_lines_order_id_ticket_type_id_pk" PRIMARY KEY("order_id","ticket_type_id"),
	CONSTRAINT "order_lines_quantity_positive" CHECK ("tickets"."order_lines"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "tickets"."orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"event_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" "tickets"."order_status" NOT NULL,
	"total_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "orders_number_unique" UNIQUE("number"),
	CONSTRAINT "orders_total_not_negative" CHECK ("tickets"."orders"."total_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tickets"."payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"provider" "tickets"."payment_provider" NOT NULL,
	"status" "tickets"."payment_status" NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"provider_ref" text,
	"checkout_url" text,
	"client_secret" text,
	"instructions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets"."refund_tickets" (
	"refund_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	CONSTRAINT "refund_tickets_refund_id_ticket_id_pk" PRIMARY KEY("refund_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "tickets"."refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_id" uuid,
	"amount_cents" integer NOT NULL,
	"reason" text,
	"status" "tickets"."payment_status" NOT NULL,
	"provider_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_not_negative" CHECK ("tickets"."refunds"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tickets"."webhook_deliveries" (
	"provider" "tickets"."payment_provider" NOT NULL,
	"event_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_provider_event_id_pk" PRIMARY KEY("provider","event_id")
);
--> statement-breakpoint
ALTER TABLE "tickets"."ticket_types" ADD COLUMN "held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets"."ticket_types" ADD COLUMN "max_per_user" integer;--> statement-breakpoint
ALTER TABLE "tickets"."ticket_types" ADD COLUMN "hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets"."buyer_holdings" ADD CONSTRAINT "buyer_holdings_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "tickets"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tickets"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."order_lines" ADD CONSTRAINT "order_lines_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "tickets"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tickets"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."refund_tickets" ADD CONSTRAINT "refund_tickets_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "tickets"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tickets"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets"."refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "tickets"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_buyer_key_unique" ON "tickets"."orders" USING btree ("buyer_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "orders_buyer_idx" ON "tickets"."orders" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_event_idx" ON "tickets"."orders" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_due_idx" ON "tickets"."orders" USING btree ("expires_at") WHERE "tickets"."orders"."status" = 'RESERVED';--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "tickets"."payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payments_provider_ref_idx" ON "tickets"."payments" USING btree ("provider","provider_ref");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "tickets"."refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_pending_idx" ON "tickets"."refunds" USING btree ("created_at") WHERE "tickets"."refunds"."status" = 'PENDING';--> statement-breakpoint
ALTER TABLE "tickets"."tickets" ADD CONSTRAINT "tickets_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "tickets"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_order_idx" ON "tickets"."tickets" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "tickets"."ticket_types" ADD CONSTRAINT "ticket_types_held_within_quantity" CHECK ("tickets"."ticket_types"."held" >= 0 and "tickets"."ticket_types"."held" + "tickets"."ticket_types"."sold" <= "tickets"."ticket_types"."quantity");--> statement-breakpoint
ALTER TABLE "tickets"."ticket_types" ADD CONSTRAINT "ticket_types_max_per_user_positive" CHECK ("tickets"."ticket_types"."max_per_user" is null or "tickets"."ticket_types"."max_per_user" >= 1);--> statement-breakpoint
-- Every purchase made before orders existed becomes a PAID order with one line, under the same id, so its tickets keep their history.
INSERT INTO "tickets"."orders" ("id", "number", "event_id", "organizer_id", "buyer_id", "idempotency_key", "status", "total_cents", "currency", "created_at", "paid_at")
SELECT p."id", 'SB-' || upper(substr(md5(p."id"::text), 1, 4)) || '-' || upper(substr(md5(p."id"::text), 5, 4)), p."event_id", t."organizer_id", p."user_id", p."idempotency_key", 'PAID', p."quantity" * t."price_cents", t."currency", p."created_at", p."created_at"
FROM "tickets"."purchases" p JOIN "tickets"."ticket_types" t ON t."id" = p."ticket_type_id";--> statement-breakpoint
INSERT INTO "tickets"."order_lines" ("order_id", "ticket_type_id", "quantity", "unit_price_cents")
SELECT p."id", p."ticket_type_id", p."quantity", t."price_cents" FROM "tickets"."purchases" p JOIN "tickets"."ticket_types" t ON t."id" = p."ticket_type_id";--> statement-breakpoint
UPDATE "tickets"."tickets" SET "order_id" = "purchase_id";--> statement-breakpoint
-- Aborts the statement it is called from, with `reason` as the message: how one statement that holds several lines' stock is all or nothing.
CREATE FUNCTION "tickets"."refuse_unless"(ok boolean, reason text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = reason;
  END IF;
  RETURN true;
END
$$;
