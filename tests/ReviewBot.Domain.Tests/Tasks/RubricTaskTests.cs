using ReviewBot.Tasks;

namespace ReviewBot.Domain.Tests.Tasks;

/// <summary>A rubric task's prompt is one text or a short conversation ending with the user; a response is optional.</summary>
public class RubricTaskTests
{
    [Fact]
    public void A_conversation_prompt_is_read_turn_by_turn()
    {
        var batch = BatchReader.ReadDocument("""
            { "id": "rb", "name": "Rubrics", "tasks": [
              { "id": "r1", "kind": "rubric", "prompt": [
                  {"role": "user", "content": "I take aspirin."}, {"role": "assistant", "content": "Any other blood thinners?"},
                  {"role": "user", "content": "No. Should I stop it?"} ] },
              { "id": "r2", "kind": "rubric", "prompt": "Should I stop aspirin?", "response": "No." } ] }
            """);

        Assert.True(batch.Succeeded, string.Join("; ", batch.Errors.Select(e => e.Message)));
        var (conversation, single) = (batch.Value.Tasks[0], batch.Value.Tasks[1]);
        Assert.Equal(["user", "assistant", "user"], conversation.Conversation!.Select(t => t.Role));
        Assert.Null(conversation.Prompt);
        Assert.Equal(("Should I stop aspirin?", "No."), (single.Prompt, single.Response));
    }

    [Fact]
    public void A_conversation_must_end_with_the_user_and_know_its_roles()
    {
        var batch = BatchReader.ReadDocument("""
            { "id": "rb", "name": "Rubrics", "tasks": [
              { "id": "r1", "kind": "rubric", "prompt": [ {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"} ] },
              { "id": "r2", "kind": "rubric", "prompt": [ {"role": "doctor", "content": "Hi"} ] },
              { "id": "r3", "kind": "rubric" } ] }
            """);

        Assert.False(batch.Succeeded);
        Assert.Equal([("r1", "tasks[0].prompt"), ("r2", "tasks[1].prompt[0].role"), ("r3", "tasks[2].prompt")],
            batch.Errors.Select(e => (e.Id, e.Field)));
    }
}
