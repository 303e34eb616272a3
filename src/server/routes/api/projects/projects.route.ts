// /projects: special projects — scope, owner, team, milestones, status reports, links to cases, procedures, action
// plans and engagements — and /projects/portfolio, the director's view of them all.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { createProject } from '../../../commands/projects/project-create.ts';
import { updateProjectDetails } from '../../../commands/projects/project-update.ts';
import {
  addMilestone,
  completeMilestone,
  linkToProject,
  reportProjectStatus,
  unlinkFromProject,
} from '../../../commands/projects/project-progress.ts';
import { portfolio, projectList, projectView } from '../../../queries/project-views.ts';
import {
  AddMilestoneBody,
  CompleteMilestoneBody,
  CreateProjectBody,
  LinkBody,
  ListProjectsQuery,
  MilestoneParams,
  Portfolio,
  Project,
  ProjectParams,
  ProjectSummary,
  StatusReportBody,
  UnlinkParams,
  UpdateProjectBody,
} from '../../../../shared/projects.ts';

const tags = ['projects'];

/** Registers the project routes. */
export function projectRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/projects/portfolio',
    {
      schema: {
        tags,
        summary: "The director's portfolio: every project with its health and milestones, and counts of the active.",
        response: { 200: Portfolio },
      },
    },
    async (req) => portfolio(requireContext(req)),
  );

  api.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Projects of the agency, by status and due date.',
        querystring: ListProjectsQuery,
        response: { 200: Type.Object({ items: Type.Array(ProjectSummary) }) },
      },
    },
    async (req) => ({ items: await projectList(requireContext(req), req.query) }),
  );

  api.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Start a project (owner and team: active staff; dueOn not before startsOn).',
        body: CreateProjectBody,
        response: { 201: Project },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      const id = await createProject(ctx, req.body);
      return reply.status(201).send(await projectView(ctx, id));
    },
  );

  api.get(
    '/projects/:id',
    { schema: { tags, summary: 'One project, whole.', params: ProjectParams, response: { 200: Project } } },
    async (req) => projectView(requireContext(req), req.params.id),
  );

  api.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Change a project or its status (completed, cancelled, active).',
        params: ProjectParams,
        body: UpdateProjectBody,
        response: { 200: Project },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await updateProjectDetails(ctx, req.params.id, req.body);
      return projectView(ctx, req.params.id);
    },
  );

  api.post(
    '/projects/:id/milestones',
    {
      schema: {
        tags,
        summary: "Add a milestone with its due date (the agency's local date; the deadline sweep tells the owner).",
        params: ProjectParams,
        body: AddMilestoneBody,
        response: { 201: Project },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await addMilestone(ctx, req.params.id, req.body);
      return reply.status(201).send(await projectView(ctx, req.params.id));
    },
  );

  api.patch(
    '/projects/:id/milestones/:milestoneId',
    {
      schema: {
        tags,
        summary: 'Mark a milestone done, or open it again.',
        params: MilestoneParams,
        body: CompleteMilestoneBody,
        response: { 200: Project },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await completeMilestone(ctx, req.params.id, req.params.milestoneId, req.body.completed);
      return projectView(ctx, req.params.id);
    },
  );

  api.post(
    '/projects/:id/reports',
    {
      schema: {
        tags,
        summary: "Record a status report (on track, at risk, late); its health becomes the project's.",
        params: ProjectParams,
        body: StatusReportBody,
        response: { 201: Project },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await reportProjectStatus(ctx, req.params.id, req.body);
      return reply.status(201).send(await projectView(ctx, req.params.id));
    },
  );

  api.post(
    '/projects/:id/links',
    {
      schema: {
        tags,
        summary: 'Link a case (tracking number or id), procedure, action plan or engagement.',
        params: ProjectParams,
        body: LinkBody,
        response: { 201: Project },
      },
    },
    async (req, reply) => {
      const ctx = requireContext(req);
      await linkToProject(ctx, req.params.id, req.body);
      return reply.status(201).send(await projectView(ctx, req.params.id));
    },
  );

  api.delete(
    '/projects/:id/links/:type/:linkedId',
    {
      schema: {
        tags,
        summary: 'Remove a link.',
        params: UnlinkParams,
        response: { 200: Project },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      await unlinkFromProject(ctx, req.params.id, { type: req.params.type, id: req.params.linkedId });
      return projectView(ctx, req.params.id);
    },
  );
}
