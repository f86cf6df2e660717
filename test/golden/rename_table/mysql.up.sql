RENAME TABLE `logs` TO `events`;
