CREATE TYPE "public"."inspection_source" AS ENUM('sample', 'recheck', 'reported', 'provinceRecheck');--> statement-breakpoint
CREATE TYPE "public"."programme_kind" AS ENUM('assessment', 'inspection');--> statement-breakpoint
CREATE TYPE "public"."target_level" AS ENUM('province', 'city', 'county', 'belowCounty');--> statement-breakpoint
CREATE TYPE "public"."target_status" AS ENUM('running', 'offline', 'closed', 'migrated');--> statement-breakpoint
CREATE TYPE "public"."target_type" AS ENUM('website', 'newMedia');--> statement-breakpoint
CREATE TYPE "public"."website_kind" AS ENUM('portal', 'department', 'other');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'inspector';--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"programme_id" integer NOT NULL,
	"cycle_id" integer,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"status" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"target_type" "target_type" NOT NULL,
	"scope" text NOT NULL,
	"seed" text NOT NULL,
	"ratio" numeric NOT NULL,
	"plan" jsonb NOT NULL,
	"drawn_by" integer,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_summaries" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"target_type" "target_type" NOT NULL,
	"label" text NOT NULL,
	"label_en" text,
	"checked" integer NOT NULL,
	"failed" integer NOT NULL,
	"portals_checked" integer,
	"published_pass_rate" text,
	"source" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "inspection_summaries_counts" CHECK ("inspection_summaries"."checked" >= 0 and "inspection_summaries"."failed" >= 0 and "inspection_summaries"."failed" <= "inspection_summaries"."checked" and ("inspection_summaries"."portals_checked" is null or ("inspection_summaries"."portals_checked" >= 0 and "inspection_summaries"."portals_checked" <= "inspection_summaries"."checked")))
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"target_type" "target_type" NOT NULL,
	"website_id" integer,
	"account_id" integer,
	"source" "inspection_source" DEFAULT 'sample' NOT NULL,
	"rule_set_id" text NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector_id" integer,
	"inspector_name" text,
	"inputs" jsonb NOT NULL,
	"verdict" text NOT NULL,
	"reason" text,
	"veto_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"score" numeric,
	"total" numeric,
	"explanation" jsonb NOT NULL,
	"explanation_en" jsonb,
	"problems" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_one_target" CHECK (("inspections"."target_type" = 'website' and "inspections"."website_id" is not null and "inspections"."account_id" is null) or ("inspections"."target_type" = 'newMedia' and "inspections"."account_id" is not null and "inspections"."website_id" is null))
);
--> statement-breakpoint
CREATE TABLE "new_media_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"programme_id" integer NOT NULL,
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_unit_id" integer,
	"level" "target_level",
	"status" "target_status" DEFAULT 'running' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "websites" (
	"id" serial PRIMARY KEY NOT NULL,
	"programme_id" integer NOT NULL,
	"site_code" text NOT NULL,
	"name" text NOT NULL,
	"home_url" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_unit_id" integer,
	"kind" "website_kind" NOT NULL,
	"level" "target_level" NOT NULL,
	"consolidated" boolean DEFAULT false NOT NULL,
	"has_external_services" boolean DEFAULT true NOT NULL,
	"status" "target_status" DEFAULT 'running' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "websites_site_code_format" CHECK ("websites"."site_code" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "period_start" date;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "period_end" date;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "kind" "programme_kind" DEFAULT 'assessment' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_samples" ADD CONSTRAINT "inspection_samples_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_samples" ADD CONSTRAINT "inspection_samples_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_summaries" ADD CONSTRAINT "inspection_summaries_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_website_id_websites_id_fk" FOREIGN KEY ("website_id") REFERENCES "public"."websites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_account_id_new_media_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."new_media_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "new_media_accounts" ADD CONSTRAINT "new_media_accounts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "new_media_accounts" ADD CONSTRAINT "new_media_accounts_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "websites" ADD CONSTRAINT "websites_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "websites" ADD CONSTRAINT "websites_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_programme_idx" ON "imports" USING btree ("programme_id","created_at");--> statement-breakpoint
CREATE INDEX "inspection_samples_cycle_idx" ON "inspection_samples" USING btree ("cycle_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_summaries_label_idx" ON "inspection_summaries" USING btree ("cycle_id","target_type","label");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_website_idx" ON "inspections" USING btree ("cycle_id","website_id","source");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_account_idx" ON "inspections" USING btree ("cycle_id","account_id","source");--> statement-breakpoint
CREATE INDEX "inspections_cycle_idx" ON "inspections" USING btree ("cycle_id","target_type");--> statement-breakpoint
CREATE UNIQUE INDEX "new_media_accounts_name_idx" ON "new_media_accounts" USING btree ("programme_id","platform","name");--> statement-breakpoint
CREATE UNIQUE INDEX "websites_site_code_idx" ON "websites" USING btree ("programme_id","site_code");--> statement-breakpoint
CREATE INDEX "websites_level_idx" ON "websites" USING btree ("programme_id","level");