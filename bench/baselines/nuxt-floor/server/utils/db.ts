import { openBareDatabase } from '../../../database.ts'

export const db = openBareDatabase(process.env)
