CREATE SCHEMA "bus";
--> statement-breakpoint
CREATE TABLE "bus"."group_offsets" (
	"group_id" text NOT NULL,
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"committed" bigint NOT NULL,
	CONSTRAINT "group_offsets_group_id_topic_partition_pk" PRIMARY KEY("group_id","topic","partition")
);
--> statement-breakpoint
CREATE TABLE "bus"."messages" (
	"offset" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bus"."messages_offset_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"headers" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "messages_topic_partition_offset_idx" ON "bus"."messages" USING btree ("topic","partition","offset");