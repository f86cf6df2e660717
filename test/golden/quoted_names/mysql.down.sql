ALTER TABLE `order` DROP INDEX `order_key_key`;

ALTER TABLE `order` DROP COLUMN `key`;
