ALTER TABLE `a` DROP FOREIGN KEY `a_b_id_fkey`;

ALTER TABLE `a` DROP INDEX `a_b_id_fkey`;

DROP TABLE `b`;

DROP TABLE `a`;
