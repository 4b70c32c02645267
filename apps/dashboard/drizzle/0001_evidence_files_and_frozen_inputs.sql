ALTER TYPE "public"."entry_kind" ADD VALUE 'unit';--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_results" ADD COLUMN "explanation_en" jsonb;--> statement-breakpoint
ALTER TABLE "unit_results" ADD COLUMN "inputs" jsonb;