ALTER TABLE "node" DROP CONSTRAINT "node_parent_id_fkey";
