ALTER TYPE "notifications"."notification_type" ADD VALUE 'ORDER_PAID';--> statement-breakpoint
ALTER TYPE "notifications"."notification_type" ADD VALUE 'ORDER_EXPIRED';--> statement-breakpoint
ALTER TYPE "notifications"."notification_type" ADD VALUE 'REFUND_ISSUED';