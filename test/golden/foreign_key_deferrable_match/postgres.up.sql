ALTER TABLE "member" DROP CONSTRAINT "member_roster_id_fkey";

ALTER TABLE "member" ADD COLUMN "ref_user" bigint;

ALTER TABLE "member" ADD COLUMN "ref_group" bigint;

ALTER TABLE "roster" ADD CONSTRAINT "roster_user_id_group_id_key" UNIQUE ("user_id", "group_id");

ALTER TABLE "member" ADD CONSTRAINT "member_roster_id_fkey" FOREIGN KEY ("roster_id") REFERENCES "roster" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE "member" ADD CONSTRAINT "member_ref_user_ref_group_fkey" FOREIGN KEY ("ref_user", "ref_group") REFERENCES "roster" ("user_id", "group_id") MATCH FULL DEFERRABLE;
