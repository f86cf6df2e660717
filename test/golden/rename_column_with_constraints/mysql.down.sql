ALTER TABLE `t` DROP CONSTRAINT `t_ref_check`;

ALTER TABLE `t` RENAME INDEX `t_ref_idx` TO `t_code_idx`;

ALTER TABLE `t` RENAME INDEX `t_ref_key` TO `t_code_key`;

ALTER TABLE `t` RENAME COLUMN `ref` TO `code`;

ALTER TABLE `t` ADD CONSTRAINT `t_code_check` CHECK (length(code) > 0);
