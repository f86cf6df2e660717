ALTER TABLE `t` DROP CONSTRAINT `t_code_check`;

ALTER TABLE `t` RENAME COLUMN `code` TO `ref`;

ALTER TABLE `t` RENAME INDEX `t_code_key` TO `t_ref_key`;

ALTER TABLE `t` RENAME INDEX `t_code_idx` TO `t_ref_idx`;

ALTER TABLE `t` ADD CONSTRAINT `t_ref_check` CHECK (length(ref) > 0);
