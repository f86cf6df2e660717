ALTER TABLE `rooms` DROP INDEX `rooms_nick_key`;

ALTER TABLE `rooms` DROP INDEX `rooms_name_key`;

ALTER TABLE `rooms` DROP PRIMARY KEY;

ALTER TABLE `rooms` ADD PRIMARY KEY (`jid`(75), `node`(75));

ALTER TABLE `rooms` ADD CONSTRAINT `rooms_name_key` UNIQUE (`name`(20));
