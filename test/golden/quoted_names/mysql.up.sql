ALTER TABLE `order` ADD COLUMN `key` VARCHAR(20) NULL;

ALTER TABLE `order` ADD CONSTRAINT `order_key_key` UNIQUE (`key`);
