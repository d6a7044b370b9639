import { Role } from '#domain';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { ApiItemCodeParam, FLOW_DEFINITION_REF } from '../common/openapi/openapi.decorators';
import { FlowVersionQueryDto } from './flows.dto';
import { FlowsService } from './flows.service';

/** Items' flowcharts (办理流程图): the flow DSL of docs/flow-dsl.md. */
@ApiItemCodeParam()
@ApiTags('flows')
@Controller('items')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  /**
   * dept_admin of the item's department: publishes a new version (201), or answers 200 with the
   * current version when the flow is unchanged, or 422 FLOW_INVALID listing every problem by node.
   * The body is the flow itself; the compiler, not a DTO, checks it.
   */
  @Roles(Role.DEPT_ADMIN)
  @Put(':code/flow')
  @ApiBody({ description: 'a flow definition (docs/flow-dsl.md, docs/flow-dsl.schema.json)', schema: { $ref: FLOW_DEFINITION_REF } })
  async publish(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const result = await this.flows.publish(user, code, body);
    response.status(result.created ? 201 : 200);
    return result;
  }

  /**
   * dept_admin of the item's department: compiles a draft without publishing it (the flow editor's
   * live check): the problems by node, or the drawn flowchart of the draft.
   */
  @Roles(Role.DEPT_ADMIN)
  @Post(':code/flow/check')
  @HttpCode(200)
  @ApiBody({ description: 'a flow definition (docs/flow-dsl.md, docs/flow-dsl.schema.json)', schema: { $ref: FLOW_DEFINITION_REF } })
  check(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() body: unknown) {
    return this.flows.check(user, code, body);
  }

  /** Public: the compiled plan of the current version (or `?version=`). */
  @Public()
  @Get(':code/flow')
  get(@Param('code') code: string, @Query() query: FlowVersionQueryDto) {
    return this.flows.get(code, query.version);
  }

  /** Public: the drawn flowchart as SVG. */
  @Public()
  @Get(':code/flow.svg')
  @HttpCode(200)
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  svg(@Param('code') code: string, @Query() query: FlowVersionQueryDto) {
    return this.flows.svg(code, query.version);
  }
}
