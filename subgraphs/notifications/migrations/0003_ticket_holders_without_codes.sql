-- Ticket codes are bearer secrets (issue 16): facts no longer carry them, and an email fetches them from tickets at send time.
ALTER TABLE "notifications"."ticket_holders" DROP COLUMN "code";