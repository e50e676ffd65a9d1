CREATE TABLE "tickets"."door_staff" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"email" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "door_staff_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tickets"."door_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"ticket_id" uuid,
	"scanned_by" uuid NOT NULL,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"scanned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets"."door_scans" ADD CONSTRAINT "door_scans_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "tickets"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "door_staff_user_idx" ON "tickets"."door_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "door_scans_event_idx" ON "tickets"."door_scans" USING btree ("event_id","scanned_at","id");--> statement-breakpoint
CREATE INDEX "door_scans_ticket_idx" ON "tickets"."door_scans" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_event_purchased_idx" ON "tickets"."tickets" USING btree ("event_id","purchased_at","id");
