CREATE TABLE "member_channel_stats" (
	"member_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"current_streak" integer DEFAULT 0 NOT NULL,
	"longest_streak" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"coverage_sum" real DEFAULT 0 NOT NULL,
	"last_answered_at" timestamp with time zone,
	CONSTRAINT "member_channel_stats_pk" PRIMARY KEY("member_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "points_daily" (
	"member_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "points_daily_pk" PRIMARY KEY("member_id","channel_id","day")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text,
	"schedule_text" text DEFAULT 'weekdays 09:00' NOT NULL,
	"cron" text DEFAULT '0 9 * * 1-5' NOT NULL,
	"zone" text DEFAULT 'UTC' NOT NULL,
	"window_seconds" integer DEFAULT 28800 NOT NULL,
	"packs" text[] DEFAULT '{}'::text[] NOT NULL,
	"all_packs" boolean DEFAULT true NOT NULL,
	"mode" text DEFAULT 'thread' NOT NULL,
	"remind_before_seconds" integer,
	"ping_target" text,
	"weekly_board" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"paused_reason" text,
	"enrolled_by" text,
	"next_run_at" timestamp with time zone,
	"rotation_seed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channels_window_range" CHECK ("channels"."window_seconds" between 10 and 604800),
	CONSTRAINT "channels_remind_positive" CHECK ("channels"."remind_before_seconds" is null or "channels"."remind_before_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "question_flags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"snapshot_id" bigint NOT NULL,
	"drill_id" bigint,
	"member_id" text,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pack_id" text NOT NULL,
	"question_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "answer_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"answer_id" bigint NOT NULL,
	"platform_message_id" text NOT NULL,
	"text" text NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"drill_id" bigint NOT NULL,
	"member_id" text NOT NULL,
	"source" text DEFAULT 'thread' NOT NULL,
	"on_time" boolean DEFAULT true NOT NULL,
	"frozen_text" text,
	"frozen_at" timestamp with time zone,
	"score" jsonb,
	"points" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drills" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "drills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel_id" text NOT NULL,
	"snapshot_id" bigint,
	"slot_at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"mode" text DEFAULT 'thread' NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"message_ref" text,
	"posted_at" timestamp with time zone,
	"reveal_at" timestamp with time zone,
	"remind_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"revealed_at" timestamp with time zone,
	"reveal_message_ref" text,
	"scored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_reactions" (
	"vote_id" bigint NOT NULL,
	"platform_message_id" text NOT NULL,
	"emoji" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vote_reactions_pk" PRIMARY KEY("vote_id","platform_message_id","emoji")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"answer_id" bigint NOT NULL,
	"voter_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"drill_id" bigint,
	"reason" text NOT NULL,
	"points" integer NOT NULL,
	"award_key" text,
	"earned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_pending" (
	"member_id" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"question_id" text NOT NULL,
	"snapshot_id" bigint,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_state" (
	"member_id" text NOT NULL,
	"pack_id" text NOT NULL,
	"question_id" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reps" integer NOT NULL,
	"lapses" integer NOT NULL,
	"state" text NOT NULL,
	"last_practiced_at" timestamp with time zone NOT NULL,
	"last_coverage" double precision NOT NULL,
	CONSTRAINT "practice_state_pk" PRIMARY KEY("member_id","pack_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"display_name" text,
	"is_bot" boolean DEFAULT false NOT NULL,
	"opted_out_at" timestamp with time zone,
	"forget_requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_admins" (
	"workspace_id" text NOT NULL,
	"member_id" text NOT NULL,
	"added_by" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_admins_pk" PRIMARY KEY("workspace_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_channel_stats" ADD CONSTRAINT "member_channel_stats_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_channel_stats" ADD CONSTRAINT "member_channel_stats_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_daily" ADD CONSTRAINT "points_daily_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_daily" ADD CONSTRAINT "points_daily_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_daily" ADD CONSTRAINT "points_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_flags" ADD CONSTRAINT "question_flags_snapshot_id_question_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."question_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_messages" ADD CONSTRAINT "answer_messages_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_snapshot_id_question_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."question_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_reactions" ADD CONSTRAINT "vote_reactions_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_answer_id_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_voter_id_members_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_drill_id_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_pending" ADD CONSTRAINT "practice_pending_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_pending" ADD CONSTRAINT "practice_pending_snapshot_id_question_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."question_snapshots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_state" ADD CONSTRAINT "practice_state_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_admins" ADD CONSTRAINT "workspace_admins_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "points_daily_channel_day_idx" ON "points_daily" USING btree ("channel_id","day","member_id","points");--> statement-breakpoint
CREATE INDEX "points_daily_workspace_day_idx" ON "points_daily" USING btree ("workspace_id","day","member_id","points");--> statement-breakpoint
CREATE INDEX "channels_due_idx" ON "channels" USING btree ("status","next_run_at");--> statement-breakpoint
CREATE INDEX "channels_workspace_idx" ON "channels" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "question_flags_snapshot_idx" ON "question_flags" USING btree ("snapshot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_snapshots_version_uq" ON "question_snapshots" USING btree ("pack_id","question_id","content_hash");--> statement-breakpoint
CREATE INDEX "question_snapshots_question_idx" ON "question_snapshots" USING btree ("pack_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "answer_messages_platform_uq" ON "answer_messages" USING btree ("platform_message_id");--> statement-breakpoint
CREATE INDEX "answer_messages_answer_idx" ON "answer_messages" USING btree ("answer_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "answers_drill_member_uq" ON "answers" USING btree ("drill_id","member_id");--> statement-breakpoint
CREATE INDEX "answers_member_idx" ON "answers" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "drills_slot_uq" ON "drills" USING btree ("channel_id","slot_at") WHERE "drills"."trigger" = 'schedule';--> statement-breakpoint
CREATE UNIQUE INDEX "drills_one_live_uq" ON "drills" USING btree ("channel_id") WHERE "drills"."status" in ('claimed', 'open');--> statement-breakpoint
CREATE INDEX "drills_reveal_due_idx" ON "drills" USING btree ("status","reveal_at");--> statement-breakpoint
CREATE INDEX "drills_remind_due_idx" ON "drills" USING btree ("status","remind_at");--> statement-breakpoint
CREATE UNIQUE INDEX "drills_message_uq" ON "drills" USING btree ("message_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_answer_voter_uq" ON "votes" USING btree ("answer_id","voter_id");--> statement-breakpoint
CREATE INDEX "votes_voter_idx" ON "votes" USING btree ("voter_id");--> statement-breakpoint
CREATE INDEX "processed_events_received_idx" ON "processed_events" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_award_uq" ON "points_ledger" USING btree ("award_key");--> statement-breakpoint
CREATE INDEX "points_ledger_channel_time_idx" ON "points_ledger" USING btree ("channel_id","earned_at");--> statement-breakpoint
CREATE INDEX "points_ledger_workspace_time_idx" ON "points_ledger" USING btree ("workspace_id","earned_at");--> statement-breakpoint
CREATE INDEX "points_ledger_member_idx" ON "points_ledger" USING btree ("member_id","earned_at");--> statement-breakpoint
CREATE INDEX "points_ledger_drill_idx" ON "points_ledger" USING btree ("drill_id","member_id","reason");--> statement-breakpoint
CREATE INDEX "practice_state_due_idx" ON "practice_state" USING btree ("member_id","due_at");--> statement-breakpoint
CREATE INDEX "members_platform_idx" ON "members" USING btree ("platform");