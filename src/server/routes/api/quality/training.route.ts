// /training: courses and their sessions, enrolment, attendance with evaluation, and the staff × required courses
// matrix (who never took, is due soon for or overdue on a course required of them).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { courseList, trainingMatrix, trainingNeeds } from '../../../queries/training.ts';
import {
  createCourse,
  createSession,
  enrolInSession,
  recordSessionAttendance,
} from '../../../commands/quality/training.ts';
import {
  AttendanceBody,
  CourseListSchema,
  CourseParams,
  CreateCourseBody,
  CreateSessionBody,
  EnrolBody,
  EnrolmentSchema,
  SessionParams,
  TrainingMatrixSchema,
  TrainingNeedsSchema,
} from '../../../../shared/quality.ts';

const tags = ['quality'];
const Created = Type.Object({ id: Type.Integer() });

/** Registers the training routes. */
export function trainingRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/training/courses',
    { schema: { tags, summary: 'Courses with their sessions.', response: { 200: CourseListSchema } } },
    async (req) => courseList(requireContext(req)),
  );

  api.post(
    '/training/courses',
    {
      schema: {
        tags,
        summary: 'Add a course, required for a role and/or a unit, renewed every N months.',
        body: CreateCourseBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.status(201).send(await createCourse(requireContext(req), req.body)),
  );

  api.post(
    '/training/courses/:id/sessions',
    {
      schema: {
        tags,
        summary: 'Add a session of a course.',
        params: CourseParams,
        body: CreateSessionBody,
        response: { 201: Created },
      },
    },
    async (req, reply) => reply.status(201).send(await createSession(requireContext(req), req.params.id, req.body)),
  );

  api.post(
    '/training/sessions/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol a staff member (409 when the session is full).',
        params: SessionParams,
        body: EnrolBody,
        response: { 201: EnrolmentSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await enrolInSession(requireContext(req), req.params.id, req.body.userId)),
  );

  api.post(
    '/training/sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Record attendance and evaluation; attending completes the course on the session’s date.',
        params: SessionParams,
        body: AttendanceBody,
        response: { 200: EnrolmentSchema },
      },
    },
    async (req) => recordSessionAttendance(requireContext(req), req.params.id, req.body),
  );

  api.get(
    '/training/matrix',
    {
      schema: {
        tags,
        summary: 'Staff × courses: what each person must take and whether it is current, due soon or overdue.',
        response: { 200: TrainingMatrixSchema },
      },
    },
    async (req) => trainingMatrix(requireContext(req)),
  );

  api.get(
    '/training/needs',
    {
      schema: {
        tags,
        summary:
          'Who is due or overdue for which training, per person and unit: required courses not current, and ' +
          'courses assigned (e.g. by a review finding) not completed since.',
        response: { 200: TrainingNeedsSchema },
      },
    },
    async (req) => trainingNeeds(requireContext(req)),
  );
}
