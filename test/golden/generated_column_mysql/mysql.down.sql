ALTER TABLE `items` DROP COLUMN `twice`;

ALTER TABLE `items` DROP COLUMN `tag`;

ALTER TABLE `items` ADD COLUMN `tag` LONGTEXT GENERATED ALWAYS AS (concat('#', id)) VIRTUAL AFTER `note`;

ALTER TABLE `items` DROP COLUMN `note`;

ALTER TABLE `items` ADD COLUMN `note` LONGTEXT NULL AFTER `half`;

UPDATE `items` SET `note` = (concat('p', `price`));

ALTER TABLE `items` DROP COLUMN `half`;

ALTER TABLE `items` ADD COLUMN `half` FLOAT GENERATED ALWAYS AS (price / 2) VIRTUAL AFTER `total`;

ALTER TABLE `items` MODIFY COLUMN `total` FLOAT GENERATED ALWAYS AS (price * 2) STORED;
