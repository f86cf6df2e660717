DROP INDEX "users_lower_email_idx";
