ALTER TABLE "new_media_accounts" ADD COLUMN "supervising_name" text;--> statement-breakpoint
ALTER TABLE "new_media_accounts" ADD COLUMN "supervising_unit_id" integer;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "supervising_name" text;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "supervising_unit_id" integer;--> statement-breakpoint
ALTER TABLE "new_media_accounts" ADD CONSTRAINT "new_media_accounts_supervising_unit_id_units_id_fk" FOREIGN KEY ("supervising_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "websites" ADD CONSTRAINT "websites_supervising_unit_id_units_id_fk" FOREIGN KEY ("supervising_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;