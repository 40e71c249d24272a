using Assemblee.Common.Actors;
using Assemblee.Common.Rules;
using Assemblee.Contracts.Veille.V1;
using Assemblee.ServiceDefaults.Authentication;
using Assemblee.ServiceDefaults.Errors;
using Assemblee.Veille.Apis;
using Assemblee.Veille.Application;
using Assemblee.Veille.Data;
using Assemblee.Veille.Domain;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using AgendaItem = Assemblee.Contracts.Veille.V1.AgendaItem;
using DomainFollow = Assemblee.Veille.Domain.Follow;
using DomainQuestion = Assemblee.Veille.Domain.Question;
using Question = Assemblee.Contracts.Veille.V1.Question;

namespace Assemblee.Veille.Grpc;

/// <summary>
/// The space for other bodies over gRPC, public through the gateway: reads are open, acts are for the body in the request with
/// a token scoped to it. Thin: parse, call what the REST API calls, map.
/// </summary>
[Authorize]
[BindServiceMethod(typeof(ReadableRequests<Contracts.Veille.V1.Veille.VeilleBase>), ReadableRequests.BindMethod)]
public sealed class VeilleService(QuestionStore questions, QuestionReading reading, QuestionWorkflow workflow, AgendaStore agenda,
    WatchStore watch, TimeProvider time) : Contracts.Veille.V1.Veille.VeilleBase
{
    private static readonly string[] Insiders = [Roles.Secretariat, Roles.Member];

    /// <summary>The register is public.</summary>
    [AllowAnonymous]
    public override async Task ListQuestions(ListQuestionsRequest request, IServerStreamWriter<Question> responseStream,
        ServerCallContext context)
    {
        var query = new RegisterQuery(GrpcArguments.OptionalBodyId(request.BodyId), Optional(request.Kind), Optional(request.State), null,
            null);
        GrpcArguments.Valid(query, query.Validate());
        var found = await questions.RegisterAsync(query.Filter(), context.CancellationToken);
        var cosigners = await questions.AcceptedCoSignersAsync([.. found.Select(question => question.Id)], context.CancellationToken);
        foreach (var question in found)
        {
            await responseStream.WriteAsync(ToMessage(question, cosigners[question.Id], reading.IsOverdue(question)));
        }
    }

    /// <summary>
    /// Public for the register's questions; with body_id, the body's view for a token of that body, or for notifications'
    /// own credential, which tells the body of an answer to a question (or referral) not in the register yet.
    /// </summary>
    [AllowAnonymous]
    public override async Task<Question> GetQuestion(GetQuestionRequest request, ServerCallContext context)
    {
        var id = GrpcArguments.Uuid(request.QuestionId, "question_id");
        if (GrpcArguments.OptionalBodyId(request.BodyId) is not { } bodyId)
        {
            return ToMessage(await reading.PublicAsync(id, context.CancellationToken));
        }
        var user = context.GetHttpContext().User;
        if (user.IsInRole(Roles.Service))
        {
            GrpcServiceScope.Require(context, "notifications");
            return ToMessage(await reading.ForBodyAsync(id, bodyId, insider: true, executive: false, guarantor: false,
                context.CancellationToken));
        }
        GrpcBodyScope.Require(context, bodyId, Roles.Secretariat, Roles.Member, Roles.Executive, Roles.Guarantor);
        return ToMessage(await reading.ForBodyAsync(id, bodyId, GrpcBodyScope.Allows(user, bodyId, Insiders),
            GrpcBodyScope.Allows(user, bodyId, [Roles.Executive]), GrpcBodyScope.Allows(user, bodyId, [Roles.Guarantor]),
            context.CancellationToken));
    }

    /// <summary>The Council's agenda is public.</summary>
    [AllowAnonymous]
    public override async Task ListAgendaItems(ListAgendaItemsRequest request, IServerStreamWriter<AgendaItem> responseStream,
        ServerCallContext context)
    {
        foreach (var item in await agenda.ListAsync(Optional(request.MeetingId), Optional(request.Commission),
            Optional(request.Theme), null,
            context.CancellationToken))
        {
            await responseStream.WriteAsync(ToMessage(item));
        }
    }

    [AllowAnonymous]
    public override async Task<AgendaItem> GetAgendaItem(GetAgendaItemRequest request, ServerCallContext context) =>
        ToMessage(await agenda.FindAsync(GrpcArguments.Text(request.ItemId, "item_id", 100), context.CancellationToken)
            ?? throw RuleViolation.NotFound($"The Council's agenda has no item '{request.ItemId}'."));

    public override async Task<FollowReply> Follow(FollowRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId, Insiders);
        GrpcArguments.Valid(request, DomainFollow.Validate(request.TargetKind, request.Target));
        var follow = new DomainFollow(bodyId, request.TargetKind, DomainFollow.Normalize(request.TargetKind, request.Target));
        if (follow.TargetKind == DomainFollow.Item && await agenda.FindAsync(follow.Target, context.CancellationToken) is null)
        {
            throw RuleViolation.NotFound($"The Council's agenda has no item '{follow.Target}'.");
        }
        await watch.FollowAsync(follow, context.GetHttpContext().User.Actor(), time.GetUtcNow(), context.CancellationToken);
        return new FollowReply();
    }

    public override async Task<Question> DraftQuestion(DraftQuestionRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId, Insiders);
        var draft = new QuestionDraft(request.Kind, request.Title, request.Text, request.AddresseeKind, request.Addressee,
            [.. request.ItemIds], [.. request.Themes]);
        GrpcArguments.Valid(draft, draft.Validate());
        return ToMessage(await workflow.DraftAsync(bodyId, draft, Acting(context, bodyId), context.CancellationToken), [], false);
    }

    public override async Task<Question> ValidateQuestion(ValidateQuestionRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId, Roles.Secretariat);
        var decision = Decision(request.VoteId, request.Decision);
        GrpcArguments.Valid(decision, decision.Validate());
        var question = await workflow.ValidateAsync(bodyId, GrpcArguments.Uuid(request.QuestionId, "question_id"), decision,
            Acting(context, bodyId), context.CancellationToken);
        return await ViewAsync(question, bodyId, context);
    }

    public override async Task<Question> CoSignQuestion(CoSignQuestionRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId, Roles.Secretariat);
        var decision = Decision(request.VoteId, request.Decision);
        var answer = GrpcArguments.Valid(new CoSigning(true, decision.VoteId, decision.Decision), decision.Validate());
        var question = await workflow.CoSignAsync(bodyId, GrpcArguments.Uuid(request.QuestionId, "question_id"), answer,
            Acting(context, bodyId), context.CancellationToken);
        return await ViewAsync(question, bodyId, context);
    }

    public override async Task<Question> SubmitQuestion(SubmitQuestionRequest request, ServerCallContext context)
    {
        var bodyId = Enter(context, request.BodyId, Insiders);
        var question = await workflow.SubmitAsync(bodyId, GrpcArguments.Uuid(request.QuestionId, "question_id"), Acting(context, bodyId),
            GrpcBodyScope.Allows(context.GetHttpContext().User, bodyId, [Roles.Secretariat]), context.CancellationToken);
        return await ViewAsync(question, bodyId, context);
    }

    private static string Enter(ServerCallContext context, string body, params string[] roles)
    {
        var bodyId = GrpcArguments.BodyId(body);
        GrpcBodyScope.Require(context, bodyId, roles);
        return bodyId;
    }

    private static Acting Acting(ServerCallContext context, string bodyId) => new(context.GetHttpContext().User.Actor(), bodyId);

    private static BodyDecision Decision(string voteId, string decision) =>
        new(GrpcArguments.OptionalUuid(voteId, "vote_id"), decision.Length == 0 ? null : decision);

    private async Task<Question> ViewAsync(DomainQuestion question, string bodyId, ServerCallContext context) =>
        ToMessage(await reading.ForBodyAsync(question.Id, bodyId, insider: true, executive: false, guarantor: false,
            context.CancellationToken));

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static Question ToMessage(QuestionView view) =>
        ToMessage(view.Question, view.CoSigners.Where(c => c.State == "accepted").Select(c => c.BodyId), view.Overdue);

    private static Question ToMessage(DomainQuestion question, IEnumerable<string> cosigners, bool overdue)
    {
        var message = new Question
        {
            Id = question.Id.ToString(),
            BodyId = question.BodyId,
            Title = question.Title,
            Status = question.State,
            Kind = question.Kind,
            Text = question.Text,
            AddresseeKind = question.AddresseeKind,
            Addressee = question.Addressee,
            SubmittedAt = question.SubmittedAt is { } submitted ? GrpcArguments.Time(submitted) : "",
            AnswerDue = question.AnswerDue is { } due ? GrpcArguments.Time(due) : "",
            Overdue = overdue,
        };
        message.ItemIds.AddRange(question.ItemIds);
        message.Themes.AddRange(question.Themes);
        message.CoSigners.AddRange(cosigners);
        return message;
    }

    private static AgendaItem ToMessage(ScheduledItem scheduled)
    {
        var message = new AgendaItem
        {
            Id = scheduled.Item.Id,
            MeetingId = scheduled.Meeting.Id,
            MeetingName = scheduled.Meeting.Name,
            MeetingStartsAt = GrpcArguments.Time(scheduled.Meeting.StartsAt),
            Number = scheduled.Item.Number,
            Reference = scheduled.Item.Reference,
            Kind = scheduled.Item.Kind,
            Title = scheduled.Item.Title,
            Commission = scheduled.Item.Commission,
            Rapporteur = scheduled.Item.Rapporteur,
            Revision = scheduled.Item.Revision,
        };
        message.Themes.AddRange(scheduled.Item.Themes);
        return message;
    }
}
