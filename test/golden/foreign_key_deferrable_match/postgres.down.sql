ALTER TABLE "member" DROP CONSTRAINT "member_ref_user_ref_group_fkey";

ALTER TABLE "member" DROP CONSTRAINT "member_roster_id_fkey";

ALTER TABLE "roster" DROP CONSTRAINT "roster_user_id_group_id_key";

ALTER TABLE "member" DROP COLUMN "ref_group";

ALTER TABLE "member" DROP COLUMN "ref_user";

ALTER TABLE "member" ADD CONSTRAINT "member_roster_id_fkey" FOREIGN KEY ("roster_id") REFERENCES "roster" ("id");
