ALTER TABLE `node` DROP FOREIGN KEY `node_parent_id_fkey`;

ALTER TABLE `node` DROP INDEX `node_parent_id_fkey`;
