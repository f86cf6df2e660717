CREATE TABLE `b` (
  `id` BIGINT NOT NULL,
  `name` VARCHAR(20000) NULL,
  `code` VARCHAR(10) COLLATE utf8mb3_bin NULL COMMENT 'A collation equal to the table''s: MySQL stores none of its own, and that is no drift.',
  PRIMARY KEY (`id`)
) ENGINE = MyISAM DEFAULT CHARSET = utf8mb3 COLLATE = utf8mb3_bin;

ALTER TABLE `a` ENGINE = InnoDB, ROW_FORMAT = DYNAMIC;

ALTER TABLE `a` CONVERT TO CHARACTER SET latin1;

ALTER TABLE `a` MODIFY COLUMN `code` VARCHAR(10) COLLATE utf8mb4_bin NOT NULL;

ALTER TABLE `c` ROW_FORMAT = DEFAULT;
