CREATE TABLE "points_rollup" (
	"workspace_id" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"member_id" text NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "points_rollup_pk" PRIMARY KEY("workspace_id","period","period_start","member_id")
);
--> statement-breakpoint
ALTER TABLE "points_rollup" ADD CONSTRAINT "points_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rollup" ADD CONSTRAINT "points_rollup_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "points_rollup_board_idx" ON "points_rollup" USING btree ("workspace_id","period","period_start","points" DESC NULLS LAST,"member_id");--> statement-breakpoint
CREATE INDEX "points_rollup_member_idx" ON "points_rollup" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "members_opted_out_idx" ON "members" USING btree ("id") WHERE "members"."opted_out_at" is not null;--> statement-breakpoint
-- Points earned before this migration: the rollup starts as the sums of the day rows it
-- summarises (the Monday and the 1st are found with date arithmetic: no time zone involved).
INSERT INTO "points_rollup" ("workspace_id", "period", "period_start", "member_id", "points")
SELECT d."workspace_id", p."period",
       CASE p."period"
         WHEN 'week' THEN d."day" - (extract(isodow FROM d."day")::int - 1)
         WHEN 'month' THEN d."day" - (extract(day FROM d."day")::int - 1)
         ELSE DATE '0001-01-01'
       END,
       d."member_id", sum(d."points")
FROM "points_daily" d
CROSS JOIN (VALUES ('week'), ('month'), ('all')) AS p("period")
GROUP BY 1, 2, 3, 4;
