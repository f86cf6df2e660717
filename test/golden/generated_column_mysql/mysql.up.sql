ALTER TABLE `items` MODIFY COLUMN `total` FLOAT GENERATED ALWAYS AS (price * 3) STORED;

ALTER TABLE `items` DROP COLUMN `half`;

ALTER TABLE `items` ADD COLUMN `half` FLOAT GENERATED ALWAYS AS (price / 2) STORED AFTER `total`;

ALTER TABLE `items` DROP COLUMN `note`;

ALTER TABLE `items` ADD COLUMN `note` LONGTEXT GENERATED ALWAYS AS (concat('p', `price`)) VIRTUAL AFTER `half`;

ALTER TABLE `items` DROP COLUMN `tag`;

ALTER TABLE `items` ADD COLUMN `tag` LONGTEXT NULL AFTER `note`;

UPDATE `items` SET `tag` = (concat('#', id));

ALTER TABLE `items` ADD COLUMN `twice` FLOAT GENERATED ALWAYS AS (price + price) VIRTUAL;
