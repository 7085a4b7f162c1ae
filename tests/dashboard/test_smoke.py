from django.urls import reverse


def test_board_dashboard_lists_the_bloc(client, board, bloc_year):
    client.force_login(board)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert bloc_year.bloc.name in response.content.decode()
