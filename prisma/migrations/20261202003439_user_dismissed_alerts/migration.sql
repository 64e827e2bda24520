-- AlterTable
ALTER TABLE "user_preferences" ADD COLUMN     "dismissed_alerts" JSONB NOT NULL DEFAULT '{}';
