CREATE SCHEMA "messaging_test";
--> statement-breakpoint
CREATE TABLE "messaging_test"."effects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messaging_test"."effects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fact_id" uuid NOT NULL,
	"consumer" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messaging_test"."inbox" (
	"consumer_group" text NOT NULL,
	"message_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_message_id_pk" PRIMARY KEY("consumer_group","message_id")
);
--> statement-breakpoint
CREATE TABLE "messaging_test"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "messaging_test"."outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
CREATE INDEX "outbox_unsent_idx" ON "messaging_test"."outbox" USING btree ("seq") WHERE "messaging_test"."outbox"."sent_at" is null;