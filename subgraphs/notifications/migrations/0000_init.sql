CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TYPE "notifications"."notification_type" AS ENUM('TICKET_PURCHASED', 'TICKET_CHECKED_IN', 'EVENT_CANCELLED', 'EVENT_REMINDER');--> statement-breakpoint
CREATE TYPE "notifications"."delivery_channel" AS ENUM('EMAIL', 'PUSH');--> statement-breakpoint
CREATE TABLE "notifications"."inbox" (
	"consumer_group" text NOT NULL,
	"message_id" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_group_message_id_pk" PRIMARY KEY("consumer_group","message_id")
);
--> statement-breakpoint
CREATE TABLE "notifications"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications"."notifications_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"type" "notifications"."notification_type" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"event_id" uuid,
	"ticket_id" uuid,
	"source_fact_id" uuid NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" boolean NOT NULL,
	"push" boolean NOT NULL,
	"in_app" boolean NOT NULL,
	"muted_types" "notifications"."notification_type"[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."ticket_holders" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"code" text,
	"status" text NOT NULL,
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"venue" text,
	"starts_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_fact_id" uuid,
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."user_contacts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" "notifications"."delivery_channel" NOT NULL,
	"push_subscription_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."vapid_keys" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications"."deliveries" ADD CONSTRAINT "deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "notifications"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."deliveries" ADD CONSTRAINT "deliveries_push_subscription_id_push_subscriptions_id_fk" FOREIGN KEY ("push_subscription_id") REFERENCES "notifications"."push_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_source_key" ON "notifications"."notifications" USING btree ("user_id","source_fact_id");--> statement-breakpoint
CREATE INDEX "notifications_user_seq_idx" ON "notifications"."notifications" USING btree ("user_id","seq" DESC NULLS LAST) WHERE "notifications"."notifications"."in_app";--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications"."notifications" USING btree ("user_id") WHERE "notifications"."notifications"."in_app" and "notifications"."notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "ticket_holders_event_user_idx" ON "notifications"."ticket_holders" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "notifications"."push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "notifications"."push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "notifications"."deliveries" USING btree ("next_attempt_at") WHERE "notifications"."deliveries"."sent_at" is null and "notifications"."deliveries"."failed_at" is null;